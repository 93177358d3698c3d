# Sourced by the scripts in bin/ and .ci/: makes JAVA_HOME point at a JDK >= 21 (and quiets Maven on JDK 24+).
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then JDKs found in the usual places.
# Prints why it gave up when none is found.

lstm_java_major() { # $1 = path to a java binary; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

lstm_pick_jdk() {
  local want=21 candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(lstm_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven's Guice touches sun.misc.Unsafe, which JDK 24+ warns about on every build (the flag is unknown before 23).
      if [ "$major" -ge 24 ]; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      fi
      return 0
    fi
  done
  echo "lstm-signals needs a JDK >= $want and found none (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt)." >&2
  echo "Install one (e.g. Temurin 21 or 25) and point JAVA_HOME at it: export JAVA_HOME=/path/to/jdk" >&2
  return 1
}

lstm_pick_jdk
