package io.lstmsignals.service.preflight;

/**
 * A topic a service uses, for its start-up check: the topic must exist, and the service's principal
 * must be allowed to read it, or to write it.
 *
 * @param name the topic
 * @param key the configuration key or option that names it, for messages
 * @param writes whether the service writes it (else it reads it)
 */
public record TopicUse(String name, String key, boolean writes) {

  /** A topic the service reads. */
  public static TopicUse reads(String name, String key) {
    return new TopicUse(name, key, false);
  }

  /** A topic the service writes. */
  public static TopicUse writes(String name, String key) {
    return new TopicUse(name, key, true);
  }
}
