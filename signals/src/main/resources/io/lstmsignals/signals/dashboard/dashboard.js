// The dashboard's page: a snapshot of the state, then one server-sent event per change.
"use strict";

const series = {};      // name -> {t, equity, hold, drawdown, holdDrawdown, charts, element}
const fmtTime = (ms) => new Date(ms).toISOString().replace(":00.000Z", "Z");
const fmtNum = (v, d) => (v === null || v === undefined) ? "—" : Number(v).toFixed(d);

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function showSignal(s) {
  const body = document.querySelector("#signals tbody");
  let row = body.querySelector(`tr[data-symbol="${s.symbol}"]`);
  if (!row) {
    row = el("tr", {"data-symbol": s.symbol});
    const rows = [...body.children];
    const after = rows.find(r => r.dataset.symbol > s.symbol);
    body.insertBefore(row, after || null);
  }
  row.replaceChildren(
    el("td", {}, s.symbol),
    el("td", {class: s.decision}, s.decision),
    el("td", {}, s.reason ? s.reason + (s.reasonDetail ? ": " + s.reasonDetail : "") : ""),
    el("td", {class: "num"}, fmtNum(s.predictedClose, 2)),
    el("td", {class: "num"}, fmtNum(s.referenceClose, 2)),
    el("td", {}, s.modelVersion || "—"),
    el("td", {class: "bar-time"}, fmtTime(s.barCloseTime)));
}

function logScale(values) {
  let min = Infinity, max = -Infinity;
  values.forEach(v => { min = Math.min(min, v); max = Math.max(max, v); });
  return min > 0 && max / min > 10;
}

function chartsFor(name, s) {
  const width = Math.min(1100, window.innerWidth - 80);
  const log = logScale(s.equity.concat(s.hold));
  const x = s.t.map(ms => ms / 1000);
  const equity = new uPlot({
    width, height: 260,
    scales: {x: {time: true}, y: log ? {distr: 3} : {}},
    series: [{}, {label: "strategy", stroke: "#1f77b4"}, {label: "buy and hold", stroke: "#ff7f0e"}],
    axes: [{}, {label: log ? "equity (log)" : "equity"}],
  }, [x, s.equity, s.hold], s.element.querySelector(".equity"));
  const drawdown = new uPlot({
    width, height: 120,
    scales: {x: {time: true}},
    series: [{}, {label: "strategy", stroke: "#1f77b4"}, {label: "buy and hold", stroke: "#ff7f0e"}],
    axes: [{}, {label: "drawdown"}],
  }, [x, s.drawdown, s.holdDrawdown], s.element.querySelector(".drawdown"));
  return {equity, drawdown, log};
}

function seriesElement(name) {
  const container = document.getElementById("series");
  const box = el("div", {class: "series", "data-series": name});
  box.append(el("h3", {}, name), el("div", {class: "summary"}), el("div", {class: "equity"}), el("div", {class: "drawdown"}));
  const boxes = [...container.children];
  // symbols first, portfolios last, each alphabetically
  const key = (n) => (n.endsWith("(portfolio)") ? "1" : "0") + n;
  const after = boxes.find(b => key(b.dataset.series) > key(name));
  container.insertBefore(box, after || null);
  return box;
}

function summarize(name) {
  const s = series[name];
  const n = s.t.length;
  const box = s.element;
  box.dataset.points = n;
  box.dataset.lastTime = n ? s.t[n - 1] : "";
  box.querySelector(".summary").textContent = n === 0 ? "no bars yet" :
    `${n} bars, last bar closed ${fmtTime(s.t[n - 1])}: equity ${fmtNum(s.equity[n - 1], 4)},` +
    ` buy and hold ${fmtNum(s.hold[n - 1], 4)}, drawdown ${fmtNum(s.drawdown[n - 1], 4)}`;
}

function redraw(name) {
  const s = series[name];
  const log = logScale(s.equity.concat(s.hold));
  if (!s.charts || s.charts.log !== log) {
    if (s.charts) { s.charts.equity.destroy(); s.charts.drawdown.destroy(); }
    s.charts = chartsFor(name, s);
  } else {
    const x = s.t.map(ms => ms / 1000);
    s.charts.equity.setData([x, s.equity, s.hold]);
    s.charts.drawdown.setData([x, s.drawdown, s.holdDrawdown]);
  }
  summarize(name);
}

const pending = new Set();
function scheduleRedraw(name) {
  // many bars arrive at once during a replay: draw once per frame
  if (pending.size === 0) requestAnimationFrame(() => { pending.forEach(redraw); pending.clear(); });
  pending.add(name);
}

function addBar(e) {
  let s = series[e.series];
  if (!s) {
    s = series[e.series] = {t: [], equity: [], hold: [], drawdown: [], holdDrawdown: [], element: seriesElement(e.series)};
  }
  if (s.t.length && e.t <= s.t[s.t.length - 1]) return;
  s.t.push(e.t); s.equity.push(e.equity); s.hold.push(e.hold);
  s.drawdown.push(e.drawdown); s.holdDrawdown.push(e.holdDrawdown);
  scheduleRedraw(e.series);
}

function showDeadLetters(counts) {
  const body = document.querySelector("#dlq tbody");
  body.replaceChildren(...Object.entries(counts).map(([topic, n]) => {
    const row = el("tr", {"data-topic": topic});
    row.append(el("td", {}, topic), el("td", {class: "num"}, String(n)));
    return row;
  }));
}
const deadLetters = {};

let modelEventsTopic = "";
function showModelEventsNote(exists) {
  document.getElementById("model-events-note").textContent = exists
    ? `from topic ${modelEventsTopic}`
    : `topic ${modelEventsTopic} does not exist (yet): no model events`;
}
function addModelEvent(e) {
  const list = document.getElementById("model-events");
  const r = e.record;
  const challenger = r.challenger ? `, challenger ${r.challenger}` : "";
  list.append(el("li", {"data-outcome": r.outcome},
    `${r.boundary} ${r.line} ${r.outcome}: in force ${r.versionInForce || "none"}${challenger} — ${r.reason}`));
  while (list.children.length > 200) list.firstChild.remove();
}

function onSnapshot(snap) {
  Object.values(series).forEach(s => { if (s.charts) { s.charts.equity.destroy(); s.charts.drawdown.destroy(); } });
  Object.keys(series).forEach(k => delete series[k]);
  document.getElementById("series").replaceChildren();
  document.querySelector("#signals tbody").replaceChildren();
  document.getElementById("model-events").replaceChildren();
  Object.values(snap.signals).forEach(showSignal);
  Object.entries(snap.series).forEach(([name, s]) => {
    series[name] = {...s, element: seriesElement(name)};
    redraw(name);
  });
  Object.assign(deadLetters, snap.deadLetters);
  showDeadLetters(deadLetters);
  modelEventsTopic = snap.modelEventsTopic;
  showModelEventsNote(snap.modelEventsTopicExists);
  snap.modelEvents.forEach(addModelEvent);
}

function connect() {
  const status = document.getElementById("status");
  const source = new EventSource("events");
  source.onopen = () => { status.textContent = "live"; status.className = "status live"; };
  source.onerror = () => { status.textContent = "reconnecting…"; status.className = "status down"; };
  source.onmessage = (message) => {
    const e = JSON.parse(message.data);
    switch (e.type) {
      case "snapshot": onSnapshot(e); break;
      case "signal": showSignal(e); break;
      case "bar": addBar(e); break;
      case "deadLetter": deadLetters[e.topic] = e.count; showDeadLetters(deadLetters); break;
      case "modelEventsTopic": showModelEventsNote(e.exists); break;
      case "modelEvent": addModelEvent(e); break;
    }
  };
}
connect();
