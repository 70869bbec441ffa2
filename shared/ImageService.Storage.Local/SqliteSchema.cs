namespace ImageService.Storage.Local;

internal static class SqliteSchema
{
    /// <summary>Column order that <c>SqliteImageMetadataStore.Read</c> expects.</summary>
    public const string Columns =
        "id, owner_id, album_id, title, description, tags, format, width, height, bytes, sha256, status, created_at, updated_at, version, path";

    /// <summary>Idempotent. Timestamps are UTC ticks (exact round trip of DateTimeOffset). The indexes match the three
    /// list shapes: by owner, by owner + album, by owner + tag, each newest first with id as the tie-breaker.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS images (
            id          TEXT    NOT NULL PRIMARY KEY,
            owner_id    TEXT    NOT NULL,
            album_id    TEXT,
            title       TEXT,
            description TEXT,
            tags        TEXT    NOT NULL,
            format      TEXT    NOT NULL,
            width       INTEGER NOT NULL,
            height      INTEGER NOT NULL,
            bytes       INTEGER NOT NULL,
            sha256      TEXT    NOT NULL,
            status      INTEGER NOT NULL,
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            path        TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_images_owner_created ON images (owner_id, created_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS ix_images_album_created ON images (owner_id, album_id, created_at DESC, id DESC);
        CREATE TABLE IF NOT EXISTS image_tags (
            owner_id   TEXT    NOT NULL,
            tag        TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            image_id   TEXT    NOT NULL,
            PRIMARY KEY (owner_id, tag, created_at, image_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_image_tags_image ON image_tags (image_id);
        """;

    /// <summary>Run after <see cref="Create"/> (and <see cref="AddPathColumn"/> on a database made before paths
    /// existed): one owner's paths are unique.</summary>
    public const string PathIndex =
        "CREATE UNIQUE INDEX IF NOT EXISTS ix_images_owner_path ON images (owner_id, path) WHERE path IS NOT NULL;";

    /// <summary>Databases created before image paths lack the column.</summary>
    public const string AddPathColumn = "ALTER TABLE images ADD COLUMN path TEXT;";
}
