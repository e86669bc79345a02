from schooldesk.cli import main

if __name__ == "__main__":  # not again in the bundle's worker processes (multiprocessing imports this module)
    raise SystemExit(main())
