package io.lstmsignals.ops.stackcli;

import io.lstmsignals.ops.demo.PipelineTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One Kafka principal per service and what each may do, as ACLs for KRaft's StandardAuthorizer
 * (which denies whatever no ACL allows): ingest writes bars; the scorer reads bars and models and
 * writes signals; the P&amp;L reads signals and bars and writes fills and P&amp;L; only the trainer
 * (the releaser: {@code trainer --release}, {@code scorer release}, {@code models}) and the
 * retrainer write the lifecycle: releases, promotions and (the retrainer) model events; the scorer
 * only reads releases and promotions. Each also writes the dead-letter topics of what it reads, and
 * a Kafka Streams app (and the retrainer, under its group id) owns the group, internal topics and
 * transactional ids under its application id. {@code bin/stack up --secure} creates these; README
 * "Security" lists them for a real cluster.
 *
 * @param user the SCRAM user name (principal {@code User:<user>})
 * @param reads topics it reads
 * @param writes topics it writes
 * @param applicationId the Kafka Streams application id (prefix) it runs under, if any
 */
record ServicePrincipals(
    String user, List<String> reads, List<String> writes, Optional<String> applicationId) {

  static final String INGEST = "ingest";
  static final String SCORER = "scorer";
  static final String SIGNALS = "signals";
  static final String TRAINER = "trainer";
  static final String RETRAINER = "retrainer";

  /** The principals of the catalogue's topics and the services' default application ids. */
  static List<ServicePrincipals> of(PipelineTopics topics) {
    String bars = topics.bars().name();
    String barsDlq = topics.bars().deadLetters().name();
    String signals = topics.signals().name();
    String signalsDlq = topics.signals().deadLetters().name();
    String models = topics.models().name();
    String modelsDlq = topics.models().deadLetters().name();
    String promotions = topics.promotions().name();
    String events = topics.events().name();
    String fills = topics.fills().name();
    String pnl = topics.pnl().name();
    return List.of(
        new ServicePrincipals(INGEST, List.of(bars), List.of(bars, barsDlq), Optional.empty()),
        new ServicePrincipals(
            SCORER,
            List.of(bars, models, promotions),
            List.of(signals, barsDlq, modelsDlq),
            Optional.of("lstm-scorer")),
        new ServicePrincipals(
            SIGNALS,
            // tail and report read what the processor writes, and its dead letters
            List.of(signals, bars, fills, pnl, signalsDlq, barsDlq),
            List.of(fills, pnl, signalsDlq, barsDlq),
            Optional.of("lstm-signals")),
        new ServicePrincipals(
            TRAINER,
            List.of(bars, models, promotions, events),
            List.of(models, promotions),
            Optional.empty()),
        new ServicePrincipals(
            RETRAINER,
            List.of(bars, models, promotions, events),
            List.of(models, promotions, events),
            // its consumer group, and the prefix of each line's transactional id
            Optional.of("lstm-retrainer")));
  }

  /** The principals' user names. */
  static List<String> users(List<ServicePrincipals> principals) {
    return principals.stream().map(ServicePrincipals::user).toList();
  }

  String principal() {
    return "User:" + user;
  }

  /** The ACLs that allow exactly this principal's work. */
  List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : reads) {
      allow(acls, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ);
      allow(acls, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE);
    }
    for (String topic : writes) {
      allow(acls, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE);
      allow(acls, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE);
    }
    applicationId.ifPresent(
        app -> {
          // Streams: its consumer group, its internal topics (changelogs, repartition topics) and
          // the transactional ids of exactly-once v2, all named after the application id.
          allow(acls, ResourceType.GROUP, app, PatternType.PREFIXED, AclOperation.READ);
          allow(acls, ResourceType.TOPIC, app, PatternType.PREFIXED, AclOperation.ALL);
          allow(acls, ResourceType.TRANSACTIONAL_ID, app, PatternType.PREFIXED, AclOperation.ALL);
        });
    return acls.stream().distinct().toList();
  }

  private void allow(
      List<AclBinding> acls,
      ResourceType type,
      String name,
      PatternType pattern,
      AclOperation operation) {
    acls.add(
        new AclBinding(
            new ResourcePattern(type, name, pattern),
            new AccessControlEntry(principal(), "*", operation, AclPermissionType.ALLOW)));
  }
}
