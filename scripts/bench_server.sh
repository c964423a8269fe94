#!/bin/bash
# The server part of `make bench`: Vigía (release build) and nginx serving the same bytes, side by
# side, with wrk (64 connections, DUR seconds, 20 by default).
#
#   bench_server.sh VIGIA_BIN                 the demo data (one seed-size plan)
#   bench_server.sh VIGIA_BIN grande          the demo data and a plan of 500 findings × 4 actions
#                                             with a graded round (vigia-bench big-plan), posted to the API
#   bench_server.sh VIGIA_BIN planes N        one entity with N plans of the sample (13 actions each)
#   bench_server.sh VIGIA_BIN escala N        N entities of the national data set (`vigia demo --escala N`)
#
# The database is SQLite in a temporary folder unless DATABASE_URL is set (scripts/bench.sh runs
# the national case on a throw-away PostgreSQL). CONNS changes the connections (64).
set -e
cd "$(dirname "$0")/.."
BIN=$1; MODE=${2:-seed}; N=${3:-0}
D=$(mktemp -d /tmp/vigia-bench-XXXX)
# nginx's workers run as «nobody»: they must be able to reach $D/www (mktemp makes $D 0700, and every
# nginx figure was once a 403 page of 153 bytes because of it; the check below now stops the run).
chmod 711 $D
export DATABASE_URL=${DATABASE_URL:-sqlite:$D/v.sqlite}
export VIGIA_DATA_DIR=$D/data VIGIA_LOGIN_DELAY=0 VIGIA_REMINDERS=0 VIGIA_MAX_EN_CURSO=100000
CONNS=${CONNS:-64}
sql() { if [[ $DATABASE_URL == sqlite:* ]]; then sqlite3 "${DATABASE_URL#sqlite:}" "$1"; else psql -qtA "$DATABASE_URL" -c "$1"; fi; }
$BIN migrate >/dev/null 2>&1
START=$(date +%s)
case $MODE in
  seed|grande) $BIN demo --if-empty > $D/demo.txt 2>&1
          EMAIL=oci@vigia.local; PW=$(grep "oci@vigia.local" $D/demo.txt | awk '{print $NF}') ;;
  planes) $BIN demo --escala 1 --acciones-por-entidad $((N * 13)) --auditoria-por-entidad $((N * 20)) > $D/demo.txt 2>&1
          EMAIL=oci@e00001.escala.gov.co; PW=$(grep "Contraseña de todos" $D/demo.txt | awk '{print $NF}') ;;
  escala) $BIN demo --escala $N > $D/demo.txt 2>&1
          EMAIL=oci@e00001.escala.gov.co; PW=$(grep "Contraseña de todos" $D/demo.txt | awk '{print $NF}') ;;
esac
echo "data ($MODE $N) loaded in $(( $(date +%s) - START )) s: $(tail -4 $D/demo.txt | head -1)"
if [ "$MODE" = planes ] || [ "$MODE" = escala ]; then
  # A day's reminder run for every entity (no SMTP configured: the notifications are stored).
  START=$(date +%s%N)
  R=$($BIN notify --hoy 15/05/2026 2>&1 | tail -1)
  echo "reminders: $R in $(( ($(date +%s%N) - START) / 1000000 )) ms"
fi
PORT=8311
$BIN serve --hostname 127.0.0.1 --port $PORT > $D/serve.log 2>&1 &
SP=$!
sleep 2
C=$D/cookies
curl -s -c $C -b $C http://127.0.0.1:$PORT/ingresar -o $D/login.html
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' $D/login.html | head -1 | sed 's/.*value="//;s/"//')
curl -s -c $C -b $C -o /dev/null -d "_csrf=$CSRF&email=$EMAIL&password=$PW" http://127.0.0.1:$PORT/ingresar
COOKIE=$(awk '$6=="vigia_sesion"{print "vigia_sesion="$7}' $C)
ENTITY=$(sql "select entity_id from users where email='$EMAIL'")
PLAN=$(sql "select id from improvement_plans where entity_id='$ENTITY' order by created_at limit 1")
[[ $DATABASE_URL == sqlite:* ]] && PLAN=$(sql "select id from improvement_plans order by created_at limit 1")
if [ "$MODE" = grande ]; then
  # The 500 × 4 plan, through the API as an integrator would send it; only its page is measured.
  "$(dirname "$BIN")/vigia-bench" big-plan $D/big.json
  TOKEN=$($BIN create-token --email $EMAIL --etiqueta bench | tail -1)
  PLAN=$(curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" --data-binary @$D/big.json \
         http://127.0.0.1:$PORT/api/v1/plans | python3 -c 'import json,sys; print(json.load(sys.stdin)["plan"]["id"])')
  PAGES_ONLY="/planes/$PLAN /api/v1/plans/$PLAN"
fi
mkdir -p $D/www
cat > $D/nginx.conf <<NG
worker_processes 2; pid $D/nginx.pid; error_log $D/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:8312; root $D/www; location / { default_type text/html; } } }
NG
PAGES=${PAGES_ONLY:-"/planes/$PLAN /planes / /transparencia/$ENTITY /api/v1/plans/$PLAN /api/v1/plans /acciones /auditoria"}
for page in $PAGES; do
  name=$(echo "$page" | tr '/' '_' | cut -c1-40)
  curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$page" -o "$D/www/p$name"
done
chmod 755 $D/www; chmod 644 $D/www/*
nginx -c $D/nginx.conf
sleep 1
for page in $PAGES; do
  name=$(echo "$page" | tr '/' '_' | cut -c1-40)
  size=$(stat -c %s "$D/www/p$name")
  # The reference must serve the very bytes Vigía served, with 200.
  got=$(curl -s -o /dev/null -w "%{http_code} %{size_download}" "http://127.0.0.1:8312/p$name")
  if [ "$got" != "200 $size" ]; then echo "nginx answers «$got» for p$name instead of «200 $size»" >&2; nginx -c $D/nginx.conf -s stop; kill $SP; exit 1; fi
  v=$(wrk -t2 -c$CONNS -d${DUR:-20}s --timeout 30s --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$page" | awk '/Requests\/sec/{r=$2} / 50%/{p50=$2} / 99%/{p99=$2} /Non-2xx/{e=$4} /Socket errors/{s=$0} END{print r, p50, p99, (e==""?0:e), s}')
  n=$(wrk -t2 -c$CONNS -d${DUR:-20}s --timeout 30s --latency "http://127.0.0.1:8312/p$name" | awk '/Requests\/sec/{r=$2} / 50%/{p50=$2} / 99%/{p99=$2} /Non-2xx/{e=$4} END{print r, p50, p99, (e==""?0:e)}')
  # One connection alone: the latency of a page when the server is not busy.
  one=$(wrk -t1 -c1 -d3s --timeout 30s --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$page" | awk '/ 50%/{p50=$2} / 99%/{p99=$2} END{print p50, p99}')
  echo "$page | $size B | vigia: $v | alone: $one | nginx: $n"
done
nginx -c $D/nginx.conf -s stop; kill $SP; wait $SP 2>/dev/null || true
echo "plans: $(sql "select count(*) from improvement_plans"), actions: $(sql "select count(*) from actions"), audit events: $(sql "select count(*) from audit_events")"
rm -rf $D
