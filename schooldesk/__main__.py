from schooldesk.cli import main

raise SystemExit(main())
