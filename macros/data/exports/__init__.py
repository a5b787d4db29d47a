"""The platform's exports, as data/exports.yml describes them: read (CSV in any declared encoding, Parquet, Excel),
checked row by row, typed and put in the handbook's time zone, the same way for validate, the build and refresh."""
