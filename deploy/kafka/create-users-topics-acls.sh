#!/usr/bin/env bash
# Creates, on a broker started with deploy/kafka/server.properties: a SCRAM-SHA-512 user per service (the
# principals of acls.txt), the topics of topics.txt, and the ACLs of acls.txt. Safe to run again: users get
# their current password, existing topics are kept, ACLs are added once.
#
# Needs Kafka's command-line tools (kafka-configs.sh, kafka-topics.sh, kafka-acls.sh) on PATH or in $KAFKA_BIN.
# Environment:
#   KAFKA_BOOTSTRAP         broker address (default 127.0.0.1:9092)
#   KAFKA_ADMIN_PASSWORD    the super user's password (as given to kafka-storage.sh format --add-scram)
#   KAFKA_PASSWORD_<USER>   each service's password, <USER> upper-cased with - as _, e.g.
#                           KAFKA_PASSWORD_ORG_SERVICE, KAFKA_PASSWORD_IDENTITY_SERVICE, KAFKA_PASSWORD_GATEWAY,
#                           KAFKA_PASSWORD_CHANNELS (the channel integrations)
#                           (passwords must not contain , ] " or spaces: kafka-configs.sh syntax)
#   DRY_RUN=1               print the commands instead of running them (passwords masked)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
bootstrap="${KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
bin="${KAFKA_BIN:+$KAFKA_BIN/}"
dry="${DRY_RUN:-}"

: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD}"

run() {
  if [[ -n "$dry" ]]; then
    printf '%s\n' "$*" | sed -E 's/password=[^],]*/password=***/g'
  else
    "$@"
  fi
}

admin_config="$(mktemp)"
chmod 600 "$admin_config"
trap 'rm -f "$admin_config"' EXIT
cat > "$admin_config" <<PROPS
security.protocol=${KAFKA_SECURITY_PROTOCOL:-SASL_PLAINTEXT}
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPS

# lines of a table file without comments and blank lines
rows() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"; }

# 1. users
for user in $(rows "$here/acls.txt" | awk '{print $1}' | sort -u); do
  var="KAFKA_PASSWORD_$(printf '%s' "$user" | tr 'a-z-' 'A-Z_')"
  password="${!var:-}"
  if [[ -z "$password" ]]; then
    echo "set $var (the Kafka password of $user)" >&2
    exit 1
  fi
  run "${bin}kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" \
    --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]"
done

# 2. topics
while read -r topic partitions retention configs; do
  config=()
  if [[ "$retention" != "default" ]]; then
    config=(--config "retention.ms=$retention")
  fi
  if [[ -n "${configs:-}" ]]; then
    IFS=, read -ra extra <<< "$configs"
    for setting in "${extra[@]}"; do
      config+=(--config "$setting")
    done
  fi
  run "${bin}kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" \
    --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1 "${config[@]}"
done < <(rows "$here/topics.txt")

# 3. ACLs
while read -r principal operation resource pattern name; do
  case "$resource" in
    topic) target=(--topic "$name") ;;
    group) target=(--group "$name") ;;
    *) echo "acls.txt: unknown resource '$resource'" >&2; exit 1 ;;
  esac
  run "${bin}kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" \
    --add --allow-principal "User:$principal" --operation "$operation" "${target[@]}" --resource-pattern-type "$pattern"
done < <(rows "$here/acls.txt")
