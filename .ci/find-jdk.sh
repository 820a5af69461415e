# Sourced, not run: picks the newest JDK >= 21 on this machine and exports JAVA_HOME and PATH.
# The default java here is 17, which cannot compile --release 21; Temurin 25 sits beside it in /usr/lib/jvm.
stockpulse_find_jdk() {
  local best="" best_major=0 candidate major java_bin
  java_bin=$(command -v java 2>/dev/null || true)
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* \
      "$( [ -n "$java_bin" ] && readlink -f "$java_bin" | sed 's:/bin/java$::' )"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ -x "$candidate/bin/java" ] || continue
    major=$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "StockPulse needs a JDK 21 or newer (javac included); none found in JAVA_HOME, /usr/lib/jvm or on PATH." >&2
    echo "Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
stockpulse_find_jdk
