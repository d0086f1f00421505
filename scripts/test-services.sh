# Starts a throwaway PostgreSQL cluster and Redis server for one test run. Source it.
# Exports DATABASE_URL and REDIS_URL and registers a cleanup trap.
# PostgreSQL refuses to run as root, so as root the cluster runs as the 'postgres' user.

start_test_services() {
  TEST_WORK=$(mktemp -d /tmp/empact-test.XXXXXX)
  chmod 755 "$TEST_WORK"
  trap stop_test_services EXIT

  local pgbin
  pgbin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)")
  local as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$TEST_WORK"
    as_pg=(runuser -u postgres --)
  fi
  PG_PORT=$(free_port)
  PG_AS=("${as_pg[@]}")
  PG_BIN=$pgbin
  "${as_pg[@]}" "$pgbin/initdb" -D "$TEST_WORK/pg" -U empact --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$TEST_WORK/initdb.log" 2>&1 || { cat "$TEST_WORK/initdb.log"; return 1; }
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$TEST_WORK/pg" -l "$TEST_WORK/pg.log" -w -s start \
    -o "-p $PG_PORT -k $TEST_WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    || { cat "$TEST_WORK/pg.log"; return 1; }
  "${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U empact empact

  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$TEST_WORK/redis.pid" --logfile "$TEST_WORK/redis.log" \
    --dir "$TEST_WORK"
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done

  export DATABASE_URL="postgres://empact@127.0.0.1:$PG_PORT/empact"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  echo "==> PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT (in $TEST_WORK)"
}

stop_test_services() {
  if [ -n "${TEST_WORK:-}" ] && [ -d "$TEST_WORK" ]; then
    [ -f "$TEST_WORK/redis.pid" ] && kill "$(cat "$TEST_WORK/redis.pid")" 2>/dev/null
    [ -d "$TEST_WORK/pg" ] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$TEST_WORK/pg" -m immediate -s stop 2>/dev/null
    rm -rf "$TEST_WORK"
  fi
}
