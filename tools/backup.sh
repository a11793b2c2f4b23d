#!/usr/bin/env bash
# An encrypted backup of the database and the media files.
#
#   DATABASE_URL=postgres://... BACKUP_KEY=... tools/backup.sh [DEST_DIR]
#
# Writes DEST_DIR/peersupport-<UTC stamp>.db.enc (pg_dump custom format) and
# DEST_DIR/peersupport-<UTC stamp>.media.enc (a gzipped tarball of MEDIA_ROOT), both
# encrypted with `openssl enc -aes-256-cbc -pbkdf2` under the passphrase in BACKUP_KEY
# (never on the command line), plus a SHA-256 manifest. Backups in DEST_DIR older than
# BACKUP_RETENTION_DAYS (default 30, see docs/privacy.md) are deleted afterwards.
# Prints the stamp on stdout. Restore with tools/restore.sh. See docs/operations.md.
set -euo pipefail
umask 077
dest="${1:-${BACKUP_DIR:-backups}}"
media="${MEDIA_ROOT:-media}"
retention="${BACKUP_RETENTION_DAYS:-30}"
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
: "${BACKUP_KEY:?set BACKUP_KEY to the encryption passphrase (keep it out of the backup store)}"
[[ "$DATABASE_URL" == postgres* ]] || { echo "backup.sh: only PostgreSQL databases are backed up" >&2; exit 2; }
[[ "$retention" =~ ^[0-9]+$ ]] || { echo "backup.sh: BACKUP_RETENTION_DAYS must be a number of days" >&2; exit 2; }

encrypt() { openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass env:BACKUP_KEY -out "$1"; }

mkdir -p "$dest"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$dest/peersupport-$stamp"
trap 'rm -f "$base".db.enc.part "$base".media.enc.part' EXIT

pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" | encrypt "$base.db.enc.part"
if [ -d "$media" ]; then
  tar -C "$media" -czf - . | encrypt "$base.media.enc.part"
else
  tar -czf - --files-from /dev/null | encrypt "$base.media.enc.part"
fi
# Only complete files get their final names, so a failed run leaves no usable-looking backup.
mv "$base.db.enc.part" "$base.db.enc"
mv "$base.media.enc.part" "$base.media.enc"
(cd "$dest" && sha256sum "peersupport-$stamp.db.enc" "peersupport-$stamp.media.enc" >"peersupport-$stamp.sha256")

find "$dest" -maxdepth 1 -name 'peersupport-*' -type f -mtime +"$retention" -print -delete >&2
echo "backup.sh: wrote $base.{db,media}.enc" >&2
echo "$stamp"
