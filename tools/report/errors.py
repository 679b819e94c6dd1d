"""Errors of the report tool, one base class so the CLI can turn any of them into a one-line message."""

from __future__ import annotations


class ReportError(Exception):
    """Base of every error the report tool raises on bad input."""


class JunitParseError(ReportError):
    """A JUnit XML file that is not well-formed or not shaped like JUnit (names the file)."""


class NoResultsError(ReportError):
    """No JUnit XML where we looked; the message says where and how to produce some."""


class RepoRootError(ReportError):
    """The repository root (the directory holding WORKSPACE) could not be found from here."""
