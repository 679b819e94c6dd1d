import sys

from tools.remote_cache.server import main

sys.exit(main())
