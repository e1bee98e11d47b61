"""Corpus mode: 10⁵–10⁶ documents parsed on a Dask cluster into Parquet, queried with DuckDB.

    sources   folders, zip/tar archives, @lists, a ledger → SourceRef (stamped, nothing read)
    work      one batch on a Dask worker: readers → parse → the `taizhang parse` JSON → rows
    rows      a Document as rows of the corpus tables; their Parquet schemas
    layout    the corpus directory: parts committed by atomic rename, corpus.json
    build     plan (skip unchanged), run on Dask (bounded window), commit (one row per source)
    cluster   a LocalCluster or a `dask scheduler` address, with Chinese errors
    query     DuckDB views over the manifest's parts; table/csv/json/xlsx output
    analyses  diffusion, chains and missing links, near-duplicates, unit load, co-responsibility
    charts    PNG charts of the analyses
    bridge    corpus → ledger (ingest) and ledger → corpus
    minhash   datasketch MinHash LSH band keys of task texts
    versions  digests of the code that made the rows
    generate  test documents made from the seeds

Heavy libraries (dask, pyarrow, duckdb, datasketch, matplotlib) are imported only by the
function that needs them.
"""
