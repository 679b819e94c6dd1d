"""The source and lock files each built SDK CLI reads, for the repository rules that build them.

Repository rules cannot glob the main repository, so the lists are spelled out here;
tools/sdks/tests/test_sdk_sources.py checks they match the files in the tree.
"""

GO_VERSIONS = ["v0.35.0", "v0.4.7"]

GO_SOURCES = [
    "//xtest/sdk/go:src/assertions.go",
    "//xtest/sdk/go:src/client.go",
    "//xtest/sdk/go:src/cmd/descdump/main.go",
    "//xtest/sdk/go:src/decrypt.go",
    "//xtest/sdk/go:src/encrypt.go",
    "//xtest/sdk/go:src/features_current.go",
    "//xtest/sdk/go:src/features_legacy.go",
    "//xtest/sdk/go:src/flags.go",
    "//xtest/sdk/go:src/go.mod",
    "//xtest/sdk/go:src/main.go",
    "//xtest/sdk/go:src/version.go",
]

def go_lock(version):
    return [
        "//xtest/sdk/go:lock/%s/go.mod" % version,
        "//xtest/sdk/go:lock/%s/go.sum" % version,
    ]

JAVA_SOURCES = [
    "//xtest/sdk/java:deps.lock",
    "//xtest/sdk/java:launcher.sh",
    "//xtest/sdk/java:pom.xml",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/Args.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/AssertionJson.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/CallerDir.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/ConnectBridge.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/ConnectForwarder.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/Help.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/Main.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/Operations.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/Timing.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/UnsupportedByCliException.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/UsageException.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/Version.java",
    "//xtest/sdk/java:src/main/java/io/opentdf/xtest/WireLog.java",
]
