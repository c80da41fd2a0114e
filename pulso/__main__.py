import sys

from pulso.cli.app import main

sys.exit(main())
