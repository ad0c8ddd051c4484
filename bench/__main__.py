import sys

from bench.run import main

try:
    main()
except KeyboardInterrupt:
    sys.exit("make bench: interrupted; the servers it started are stopped")
