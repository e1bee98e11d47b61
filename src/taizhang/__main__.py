from taizhang.cli import entry

if __name__ == "__main__":  # not when a Dask or multiprocessing worker re-imports the main module
    entry()
