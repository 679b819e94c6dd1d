"""Names and defaults shared by the containers and the CLI.

Kept free of heavy imports so `python -m tools.tdf supports …` and `--help` start fast; the
modules that implement these options re-export them.
"""

TARGET_LEGACY = "4.2.2"
TARGET_HEXLESS = "4.3.0"
SEGMENT_HASH_ALGS = ("GMAC", "HS256")
DEFAULT_SEGMENT_SIZE = 2 * 1024 * 1024
ALG_RSA = "rsa:2048"
ALG_EC = "ec:secp256r1"
CONTAINERS = ("ztdf", "nano")
PROTOCOLS = ("rest", "connect")
SESSION_KEYS = ("rsa", "ec")
NANO_POLICY_MODES = ("encrypted", "plaintext")
