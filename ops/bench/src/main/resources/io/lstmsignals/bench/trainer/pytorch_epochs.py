"""PyTorch peer of `bench trainer`: the default configuration's epoch with the same shapes.

A stacked nn.LSTM (batch_first) with inter-layer dropout and a linear head on the top layer's last
hidden state, MSE, Adam (PyTorch's defaults), shuffled batches (the last one smaller), then the
validation windows forward; the data are random tensors of the study's shapes (the cost of an
epoch does not depend on the values). Prints one line per epoch for the Java side to read:
  torch <version> threads <n> dtype <dtype>
  epoch <index> <warmup|measured> <seconds>
"""

import argparse
import time

import torch
from torch import nn


def main():
    parser = argparse.ArgumentParser()
    for name in ("windows", "val", "window", "features", "hidden", "layers", "batch",
                 "warmup", "epochs", "threads", "seed"):
        parser.add_argument("--" + name, type=int, required=True)
    parser.add_argument("--dropout", type=float, required=True)
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dtype = getattr(torch, args.dtype)
    x = torch.randn(args.windows, args.window, args.features, dtype=dtype)
    y = torch.randn(args.windows, 1, dtype=dtype)
    xv = torch.randn(args.val, args.window, args.features, dtype=dtype)
    yv = torch.randn(args.val, 1, dtype=dtype)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(args.features, args.hidden, num_layers=args.layers,
                                dropout=args.dropout if args.layers > 1 else 0.0,
                                batch_first=True)
            self.head = nn.Linear(args.hidden, 1)

        def forward(self, windows):
            out, _ = self.lstm(windows)
            return self.head(out[:, -1, :])

    net = Net().to(dtype)
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)
    loss_fn = nn.MSELoss()
    print(f"torch {torch.__version__} threads {torch.get_num_threads()} dtype {args.dtype}",
          flush=True)
    for epoch in range(args.warmup + args.epochs):
        start = time.perf_counter()
        net.train()
        order = torch.randperm(args.windows)
        for i in range(0, args.windows, args.batch):
            batch = order[i:i + args.batch]
            optimizer.zero_grad()
            loss = loss_fn(net(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
        net.eval()
        with torch.no_grad():
            for i in range(0, args.val, args.batch):
                loss_fn(net(xv[i:i + args.batch]), yv[i:i + args.batch])
        seconds = time.perf_counter() - start
        phase = "warmup" if epoch < args.warmup else "measured"
        print(f"epoch {epoch} {phase} {seconds:.6f}", flush=True)


if __name__ == "__main__":
    main()
