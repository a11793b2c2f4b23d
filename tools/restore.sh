#!/usr/bin/env bash
# Restores a backup made by tools/backup.sh into an empty database and a media directory.
#
#   DATABASE_URL=postgres://.../fresh BACKUP_KEY=... MEDIA_ROOT=media \
#     tools/restore.sh BACKUP_DIR STAMP
#
# Checks the manifest, decrypts, restores the database with pg_restore (refusing a
# database that already has tables, so nothing is overwritten by mistake) and unpacks
# the media files. Then run `manage.py migrate` if the code is newer than the backup.
set -euo pipefail
dir="${1:?usage: restore.sh BACKUP_DIR STAMP}"
stamp="${2:?usage: restore.sh BACKUP_DIR STAMP}"
media="${MEDIA_ROOT:-media}"
: "${DATABASE_URL:?set DATABASE_URL to the (empty) database to restore into}"
: "${BACKUP_KEY:?set BACKUP_KEY to the passphrase the backup was made with}"
base="peersupport-$stamp"

(cd "$dir" && sha256sum --check --quiet "$base.sha256") || { echo "restore.sh: $base does not match its manifest" >&2; exit 1; }
tables="$(psql "$DATABASE_URL" -qAtc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
[ "$tables" = 0 ] || { echo "restore.sh: the target database already has $tables tables; restore into an empty one" >&2; exit 1; }

# Both files are decrypted before anything is written, so a wrong key changes nothing.
umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for part in db media; do
  openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass env:BACKUP_KEY \
    -in "$dir/$base.$part.enc" -out "$work/$part" 2>"$work/openssl.log" ||
    { echo "restore.sh: cannot decrypt $base.$part.enc: wrong BACKUP_KEY? ($(head -c 200 "$work/openssl.log"))" >&2; exit 1; }
done
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$work/db"
mkdir -p "$media"
tar -C "$media" -xzf "$work/media"
echo "restore.sh: restored $base into the database and $media" >&2
