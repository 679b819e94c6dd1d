"""Forwards the names @bazel_tools loads from @rules_cc to the native rules."""

load("@com_google_protobuf//bazel:cc_proto_library.bzl", "cc_proto_library")
load("@rules_cc//cc:cc_binary.bzl", "cc_binary")
load("@rules_cc//cc:cc_library.bzl", "cc_library")
load("@rules_cc//cc:cc_test.bzl", "cc_test")
load("@rules_cc//cc/toolchains:cc_toolchain.bzl", "cc_toolchain")
load("@rules_cc//cc/toolchains:cc_toolchain_suite.bzl", "cc_toolchain_suite")

def cc_library(**kwargs):
    cc_library(**kwargs)

def cc_binary(**kwargs):
    cc_binary(**kwargs)

def cc_test(**kwargs):
    cc_test(**kwargs)

def cc_toolchain(**kwargs):
    cc_toolchain(**kwargs)

def cc_toolchain_suite(**kwargs):
    cc_toolchain_suite(**kwargs)

def cc_proto_library(**kwargs):
    cc_proto_library(**kwargs)
