"""ZTDF write → read through the in-process KAS, for every container option."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

from tools.tdf import ALG_EC, KeyReleaseError
from tools.tdf.crypto import b64d
from tools.tdf.policy import policy_attributes
from tools.tdf.ztdf import decrypt_metadata

from .conftest import KAS, decrypt_bytes, encrypt_bytes


def manifest_of(tdf: bytes) -> dict:
    return json.loads(zipfile.ZipFile(io.BytesIO(tdf)).read("0.manifest.json"))


@pytest.mark.parametrize("size", [0, 1, 100, 1000, 1024, 3000])
@pytest.mark.parametrize("target", ["4.2.2", "4.3.0"])
def test_roundtrip_sizes_and_targets(kas, tmp_path, size, target):
    data = os.urandom(size)
    tdf = encrypt_bytes(kas, data, target_mode=target, segment_size=1024)
    assert decrypt_bytes(kas, tdf, tmp_path) == data
    m = manifest_of(tdf)
    segments = m["encryptionInformation"]["integrityInformation"]["segments"]
    assert len(segments) == -(-size // 1024)
    assert ("schemaVersion" in m) == (target == "4.3.0")


def test_legacy_and_hexless_encodings(kas):
    legacy = manifest_of(encrypt_bytes(kas, b"x" * 10, target_mode="4.2.2"))["encryptionInformation"]
    hexless = manifest_of(encrypt_bytes(kas, b"x" * 10, target_mode="4.3.0"))["encryptionInformation"]
    legacy_hash = b64d(legacy["integrityInformation"]["segments"][0]["hash"])
    assert len(legacy_hash) == 32 and bytes.fromhex(legacy_hash.decode())
    assert len(b64d(legacy["integrityInformation"]["rootSignature"]["sig"])) == 64
    assert len(b64d(hexless["integrityInformation"]["segments"][0]["hash"])) == 16
    assert len(b64d(hexless["integrityInformation"]["rootSignature"]["sig"])) == 32


def test_hs256_segment_hashes(kas, tmp_path):
    data = os.urandom(5000)
    tdf = encrypt_bytes(kas, data, segment_hash_alg="HS256", segment_size=2048)
    info = manifest_of(tdf)["encryptionInformation"]["integrityInformation"]
    assert info["segmentHashAlg"] == "HS256"
    assert len(b64d(info["segments"][0]["hash"])) == 32
    assert decrypt_bytes(kas, tdf, tmp_path) == data


def test_manifest_shape(kas):
    m = manifest_of(encrypt_bytes(kas, b"hello", mime_type="text/plain", attributes=["https://a.test/attr/x/value/y"]))
    enc = m["encryptionInformation"]
    (kao,) = enc["keyAccess"]
    assert kao["type"] == "wrapped" and kao["url"] == KAS and kao["kid"] == "r1"
    assert "ephemeralPublicKey" not in kao
    assert m["payload"] == {
        "type": "reference",
        "url": "0.payload",
        "protocol": "zip",
        "mimeType": "text/plain",
        "isEncrypted": True,
    }
    policy = json.loads(b64d(enc["policy"]))
    assert policy["body"]["dataAttributes"] == [{"attribute": "https://a.test/attr/x/value/y"}]
    entries = zipfile.ZipFile(io.BytesIO(encrypt_bytes(kas, b"z"))).infolist()
    assert [i.filename for i in entries] == ["0.payload", "0.manifest.json"]
    assert all(i.compress_type == zipfile.ZIP_STORED for i in entries)


def test_ec_wrapped(kas, tmp_path):
    tdf = encrypt_bytes(kas, b"ec data", alg=ALG_EC)
    (kao,) = manifest_of(tdf)["encryptionInformation"]["keyAccess"]
    assert kao["type"] == "ec-wrapped" and kao["kid"] == "e1"
    assert kao["ephemeralPublicKey"].startswith("-----BEGIN PUBLIC KEY-----")
    assert decrypt_bytes(kas, tdf, tmp_path) == b"ec data"


def test_encrypted_metadata(kas, tmp_path):
    tdf = encrypt_bytes(kas, b"m", metadata="here is some metadata")
    (kao,) = manifest_of(tdf)["encryptionInformation"]["keyAccess"]
    share = kas.rewrap(kao, manifest_of(tdf)["encryptionInformation"]["policy"])
    assert decrypt_metadata(kao, share) == "here is some metadata"


def test_splits_xor_and_sids(kas, tmp_path):
    urls = ["http://a.test/kas", "http://b.test/kas", "http://c.test/kas"]
    tdf = encrypt_bytes(kas, b"split me", splits=[[urls[0]], [urls[1], urls[2]]])
    kaos = manifest_of(tdf)["encryptionInformation"]["keyAccess"]
    assert [k["sid"] for k in kaos] == ["s-0", "s-1", "s-1"]
    policy = manifest_of(tdf)["encryptionInformation"]["policy"]
    assert kas.rewrap(kaos[1], policy) == kas.rewrap(kaos[2], policy) != kas.rewrap(kaos[0], policy)
    assert decrypt_bytes(kas, tdf, tmp_path) == b"split me"
    kas.down = {urls[1]}  # the OR inside split s-1 still works through c
    assert decrypt_bytes(kas, tdf, tmp_path) == b"split me"
    kas.down = {urls[0]}  # the only KAS of split s-0: the AND fails, naming the host
    with pytest.raises(KeyReleaseError, match=r"split 's-0'.*cannot reach KAS http://a.test/kas"):
        decrypt_bytes(kas, tdf, tmp_path)


def test_one_split_over_several_kas(kas, tmp_path):
    tdf = encrypt_bytes(kas, b"any", urls=["http://a.test/kas", "http://b.test/kas"])
    kaos = manifest_of(tdf)["encryptionInformation"]["keyAccess"]
    assert [k["sid"] for k in kaos] == ["", ""]
    kas.down = {"http://a.test/kas"}
    assert decrypt_bytes(kas, tdf, tmp_path) == b"any"


def test_reader_accepts_writer_variants(kas, tmp_path):
    """§7.2: JS omits full-size segment sizes and adds payload.schemaVersion; Java 0.7.5 writes
    IsStreamable and no iv; KAOs may lack sid and kid; one Java golden has the manifest first."""
    from . import tamper

    data = os.urandom(2500)
    tdf = encrypt_bytes(kas, data, segment_size=1000, target_mode="4.2.2")

    def js_and_java_shapes(m):
        enc = m["encryptionInformation"]
        for seg in enc["integrityInformation"]["segments"][:2]:
            del seg["segmentSize"], seg["encryptedSegmentSize"]
        m["payload"]["schemaVersion"] = "3.0.0"
        enc["method"] = {"algorithm": "AES-256-GCM", "IsStreamable": True}
        for kao in enc["keyAccess"]:
            kao.pop("sid"), kao.pop("schemaVersion")
            kao["kid"] = ""

    variant = tamper.rezip(tdf, js_and_java_shapes)
    src = zipfile.ZipFile(io.BytesIO(variant))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:  # manifest first, as one Java golden
        for name in ("0.manifest.json", "0.payload"):
            dst.writestr(name, src.read(name))
    assert decrypt_bytes(kas, out.getvalue(), tmp_path) == data

    null_policy = {"uuid": "u", "body": {"dataAttributes": None, "dissem": None}}
    assert policy_attributes(null_policy) == []


def test_kaos_without_sid_on_dead_hosts(kas, tmp_path):
    """Upstream's no-splitids golden: 3 KAOs without sid, two on hosts that do not exist."""
    from . import tamper

    tdf = encrypt_bytes(kas, b"zeros", urls=["http://dead1.invalid/kas", "http://dead2.invalid/kas", KAS])

    def drop_sids(m):
        for kao in m["encryptionInformation"]["keyAccess"]:
            del kao["sid"]

    kas.down = {"http://dead1.invalid/kas", "http://dead2.invalid/kas"}
    assert decrypt_bytes(kas, tamper.rezip(tdf, drop_sids), tmp_path) == b"zeros"
    kas.down.add(KAS)
    with pytest.raises(KeyReleaseError) as e:
        decrypt_bytes(kas, tamper.rezip(tdf, drop_sids), tmp_path)
    assert str(e.value).count("cannot reach KAS") == 3
