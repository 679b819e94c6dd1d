"""Assertions: signing with the DEK, HS256 and RS256 keys; verification keys; both encodings."""

from __future__ import annotations

import json

import pytest

from tools.tdf import AssertionVerificationError, ConfigError
from tools.tdf.assertions import (
    AssertionKey,
    assertion_hash,
    load_verification_keys,
    parse_assertion_configs,
)
from tools.tdf.crypto import new_rsa_key, private_pem, public_pem

from .conftest import decrypt_bytes, encrypt_bytes
from .test_ztdf import manifest_of

STATEMENT = {"format": "json+stanag5636", "schema": "urn:nato:stanag:5636:A:1:elements:json", "value": '{"a":1}'}


def config(aid: str, signing_key: dict | None = None, value=None) -> dict:
    item = {
        "id": aid,
        "type": "handling",
        "scope": "tdo",
        "appliesToState": "encrypted",
        "statement": {**STATEMENT, "value": value if value is not None else STATEMENT["value"]},
    }
    if signing_key:
        item["signingKey"] = signing_key
    return item


@pytest.fixture(scope="module")
def rsa_pair():
    key = new_rsa_key()
    return private_pem(key), public_pem(key)


@pytest.mark.parametrize("target", ["4.2.2", "4.3.0"])
def test_keyed_assertions_roundtrip(kas, tmp_path, rsa_pair, target):
    private, public = rsa_pair
    hs = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGVz"
    assertions = parse_assertion_configs(
        [config("assertion1", {"alg": "HS256", "key": hs}), config("assertion2", {"alg": "RS256", "key": private})]
    )
    tdf = encrypt_bytes(kas, b"payload", assertions=assertions, target_mode=target)
    written = manifest_of(tdf)["assertions"]
    assert [a["id"] for a in written] == ["assertion1", "assertion2"]
    assert all("signingKey" not in a and a["binding"]["method"] == "JWS" for a in written)
    keys_file = tmp_path / "keys.json"
    keys_file.write_text(
        json.dumps({"keys": {"assertion1": {"alg": "HS256", "key": hs}, "assertion2": {"alg": "RS256", "key": public}}})
    )
    keys = load_verification_keys(str(keys_file))
    assert decrypt_bytes(kas, tdf, tmp_path, assertion_keys=keys) == b"payload"
    # Without the keys the DEK is tried and the binding does not verify; with verification off it decrypts.
    with pytest.raises(AssertionVerificationError, match="assertion 'assertion1'"):
        decrypt_bytes(kas, tdf, tmp_path)
    assert decrypt_bytes(kas, tdf, tmp_path, verify_assertions=False) == b"payload"


def test_wrong_verification_key(kas, tmp_path):
    signed = parse_assertion_configs([config("a", {"alg": "HS256", "key": "one" * 11})])
    tdf = encrypt_bytes(kas, b"p", assertions=signed)
    with pytest.raises(AssertionVerificationError, match="binding signature does not verify"):
        decrypt_bytes(kas, tdf, tmp_path, assertion_keys={"a": AssertionKey("HS256", "two" * 11)})


def test_object_statement_value(kas, tmp_path):
    value = {"ocl": {"cls": "SECRET", "catl": [{"vals": ["usa"]}]}, "context": {"@base": "urn:x"}}
    tdf = encrypt_bytes(kas, b"obj", assertions=parse_assertion_configs([config("o", value=value)]))
    assert manifest_of(tdf)["assertions"][0]["statement"]["value"] == value
    assert decrypt_bytes(kas, tdf, tmp_path) == b"obj"


def test_hash_stringifies_object_values():
    as_object = config("o", value={"b": 1, "a": [1, 2]})
    as_string = config("o", value='{"a":[1,2],"b":1}')
    assert assertion_hash(as_object) == assertion_hash(as_string)
    assert assertion_hash({**as_string, "binding": {"x": 1}}) == assertion_hash(as_string)


def test_inline_json_and_validation(tmp_path):
    from tools.tdf.assertions import load_json_arg

    assert load_json_arg('[{"id": 1}]', "assertions") == [{"id": 1}]
    with pytest.raises(ConfigError, match="missing fields"):
        parse_assertion_configs([{"id": "x"}])
    with pytest.raises(ConfigError, match="cannot read"):
        load_json_arg(str(tmp_path / "absent.json"), "assertions")
    with pytest.raises(ConfigError, match="unsupported assertion key alg"):
        parse_assertion_configs([config("a", {"alg": "ES999", "key": "k"})])[0][1].signing_key()
