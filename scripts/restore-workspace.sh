#!/usr/bin/env bash
# Mass-delete recovery (docs/runbooks/disaster-recovery.md): copy one workspace's problems, with
# their status changes, votes, comments and follows, from a scratch database restored with
# `npm run restore` back into the live database, in one transaction. Rows that still exist are
# kept (ON CONFLICT DO NOTHING); vote and comment counters come with the problems rows, so the
# counting triggers are off while the children are inserted.
#   SCRATCH=postgres://…/pb_scratch LIVE=postgres://…/live WS=ws_… scripts/restore-workspace.sh
set -euo pipefail
: "${SCRATCH:?}" "${LIVE:?}" "${WS:?}"
TMPDIR_WS="$(mktemp -d)"
cols() { psql "$SCRATCH" -Atc "select string_agg(quote_ident(attname), ',' order by attnum) from pg_attribute where attrelid = 'public.$1'::regclass and attnum > 0 and not attisdropped and attgenerated = ''"; }
export_rows() { # table, where-clause over alias t
  psql "$SCRATCH" -c "\copy (select $(cols "$1" | sed 's/[^,]*/t.&/g') from $1 t $2) to '$TMPDIR_WS/pb-ws-$1.csv' csv"
}
export_rows problems "where t.workspace_id = '$WS'"
for child in problem_status_changes votes comments follows; do
  export_rows "$child" "join problems p on p.id = t.problem_id where p.workspace_id = '$WS'"
done
{
  echo "begin;"
  # Counters come with the problems rows; the child tables' counting triggers must not add again.
  echo "alter table votes disable trigger user; alter table comments disable trigger user;"
  for t in problems problem_status_changes votes comments follows; do
    echo "create temp table r_$t as select $(cols $t) from $t limit 0;"
    echo "\\copy r_$t from '$TMPDIR_WS/pb-ws-$t.csv' csv"
    echo "insert into $t ($(cols $t)) select $(cols $t) from r_$t on conflict do nothing;"
  done
  echo "alter table votes enable trigger user; alter table comments enable trigger user;"
  echo "commit;"
} | psql -v ON_ERROR_STOP=1 "$LIVE"
rm -rf "$TMPDIR_WS"
