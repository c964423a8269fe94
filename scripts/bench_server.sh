#!/bin/bash
# The server part of `make bench`: Vigía (release build) and nginx serving the same bytes, side by
# side, with wrk (64 connections, DUR seconds, 20 by default). usage: bench_server.sh VIGIA_BIN [EXTRA_PLANS]
set -e
cd "$(dirname "$0")/.."
BIN=$1; N=${2:-0}
D=$(mktemp -d /tmp/vigia-bench-XXXX)
export DATABASE_URL=sqlite:$D/v.sqlite VIGIA_DATA_DIR=$D/data VIGIA_LOGIN_DELAY=0 VIGIA_REMINDERS=0 VIGIA_MAX_EN_CURSO=100000
$BIN migrate >/dev/null 2>&1
$BIN demo --if-empty > $D/demo.txt 2>&1
NIT=$(sqlite3 $D/v.sqlite "select nit from entities where install=0 limit 1")
for i in $(seq 1 $N); do $BIN import plan Samples/plan-mejoramiento-demo.tsv --entidad "$NIT" >/dev/null 2>&1; done
PW=$(grep "oci@vigia.local" $D/demo.txt | awk '{print $NF}')
PORT=8311
$BIN serve --hostname 127.0.0.1 --port $PORT > $D/serve.log 2>&1 &
SP=$!
sleep 2
C=$D/cookies
curl -s -c $C -b $C http://127.0.0.1:$PORT/ingresar -o $D/login.html
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' $D/login.html | head -1 | sed 's/.*value="//;s/"//')
curl -s -c $C -b $C -o /dev/null -d "_csrf=$CSRF&email=oci@vigia.local&password=$PW" http://127.0.0.1:$PORT/ingresar
COOKIE=$(awk '$6=="vigia_sesion"{print "vigia_sesion="$7}' $C)
PLAN=$(sqlite3 $D/v.sqlite "select id from improvement_plans order by created_at limit 1")
mkdir -p $D/www
cat > $D/nginx.conf <<NG
worker_processes 2; pid $D/nginx.pid; error_log $D/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:8312; root $D/www; location / { default_type text/html; } } }
NG
for page in "/planes/$PLAN" "/planes" "/" "/transparencia" "/api/v1/plans/$PLAN"; do
  name=$(echo "$page" | tr '/' '_' | cut -c1-40)
  curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$page" -o "$D/www/p$name"
done
nginx -c $D/nginx.conf
sleep 1
for page in "/planes/$PLAN" "/planes" "/" "/transparencia" "/api/v1/plans/$PLAN"; do
  name=$(echo "$page" | tr '/' '_' | cut -c1-40)
  size=$(stat -c %s "$D/www/p$name")
  v=$(wrk -t2 -c64 -d${DUR:-20}s --timeout 30s --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$page" | awk '/Requests\/sec/{r=$2} / 50%/{p50=$2} / 99%/{p99=$2} /Non-2xx/{e=$4} END{print r, p50, p99, (e==""?0:e)}')
  n=$(wrk -t2 -c64 -d${DUR:-20}s --timeout 30s --latency "http://127.0.0.1:8312/p$name" | awk '/Requests\/sec/{r=$2} / 50%/{p50=$2} / 99%/{p99=$2} END{print r, p50, p99}')
  echo "$page | $size B | vigia: $v | nginx: $n"
done
nginx -c $D/nginx.conf -s stop; kill $SP; wait $SP 2>/dev/null || true
echo "plans: $(sqlite3 $D/v.sqlite "select count(*) from improvement_plans" 2>/dev/null), actions: $(sqlite3 $D/v.sqlite "select count(*) from actions" 2>/dev/null)"
