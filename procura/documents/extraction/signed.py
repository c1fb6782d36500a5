"""Signed e-invoices in a CAdES envelope (PKCS#7 / CMS SignedData, the ``.p7m`` file Italy's
exchange system hands out for a signed FatturaPA), DER or base64, with or without PEM armour.

The envelope carries the invoice XML itself (an attached signature): it is taken out and read as
any other XML. The signature is checked as far as a receiving system can without a network: the
digest of the content against the signed ``messageDigest`` attribute, and the signer's signature
over the signed attributes with the public key of the certificate the envelope carries. What
cannot be checked here is whether that certificate belongs to who it names (the chain up to a
qualified trust service and its revocation need the trusted list and OCSP on the network), so the
signature is never reported as verified, only as matching its content or not.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

# DER of the object identifier 1.2.840.113549.1.7.2 (signedData), which opens every envelope.
SIGNED_DATA_OID = bytes.fromhex("06092a864886f70d010702")
_PEM = re.compile(rb"-----BEGIN [A-Z0-9 ]+-----(.*?)(?:-----END [A-Z0-9 ]+-----|$)", re.S)
_BASE64 = re.compile(rb"[A-Za-z0-9+/=\s]+")


@dataclass
class SignedContent:
    """What the envelope holds: the signed bytes and what could be said of the signature."""

    content: bytes
    signer: str | None = None
    # True: the content is what was signed (digest and signature match the certificate's key);
    # False: it is not; None: the envelope gives no way to tell (no signer, an unknown algorithm).
    intact: bool | None = None
    problems: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        return {
            "signer": self.signer,
            "intact": self.intact,
            "verified": False,  # the signer's certificate is not checked against a trust list
            "problems": self.problems,
        }


def _der(data: bytes) -> bytes | None:
    """The DER (or BER) bytes of an envelope given as DER, base64 or PEM; None otherwise."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"\x30":
        return head
    armoured = _PEM.match(head)
    text = armoured.group(1) if armoured else head
    if text[:2] != b"MI" and not armoured:
        return None
    # A head given for sniffing may end mid-group: decode whole groups of four only.
    compact = b"".join(text.split())
    if not _BASE64.fullmatch(compact):
        return None
    try:
        return base64.b64decode(compact[: len(compact) - len(compact) % 4], validate=False)
    except (binascii.Error, ValueError):
        return None


def looks_signed(head: bytes) -> bool:
    """The first bytes are a signed-data envelope (DER, base64 or PEM)."""
    der = _der(head[:65536])
    return der is not None and SIGNED_DATA_OID in der[:32]


def content_head(head: bytes) -> bytes:
    """The decoded first bytes of an envelope (for sniffing what it carries)."""
    return _der(head) or b""


def unwrap(data: bytes) -> SignedContent | None:
    """The signed content of an envelope and what the envelope says of its signature; None when
    the bytes are not a readable signed-data envelope with its content inside."""
    from asn1crypto import cms

    der = _der(data)
    if der is None:
        return None
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            return None
        signed = info["content"]
        content = signed["encap_content_info"]["content"].native
    except Exception:  # asn1crypto raises ValueError, TypeError and its own errors on bad input
        logger.debug("Not a readable signed-data envelope", exc_info=True)
        return None
    if not isinstance(content, bytes) or not content:
        return None
    result = SignedContent(content=content)
    try:
        _check_signature(signed, content, result)
    except Exception as exc:  # a malformed signer block: the content is still what it is
        logger.debug("Signature unreadable", exc_info=True)
        result.intact = None
        result.problems.append(f"The signature cannot be read ({exc.__class__.__name__}).")
    return result


def _certificate_for(signed: Any, signer_info: Any) -> Any:
    sid = signer_info["sid"]
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                cert.serial_number == wanted["serial_number"].native
                and cert.issuer == wanted["issuer"]
            ):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return None


def _check_signature(signed: Any, content: bytes, result: SignedContent) -> None:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    signer_infos = list(signed["signer_infos"])
    if not signer_infos:
        result.problems.append("The envelope carries no signature.")
        return
    signer_info = signer_infos[0]
    cert = _certificate_for(signed, signer_info)
    if cert is None:
        result.problems.append("The signer's certificate is not in the envelope.")
        return
    result.signer = cert.subject.human_friendly
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    if digest_name not in ("sha256", "sha384", "sha512"):
        # SHA-1 signatures have not been accepted for qualified signatures since 2011.
        result.problems.append(f"Digest algorithm {digest_name} is not accepted.")
        return
    signed_attrs = signer_info["signed_attrs"]
    signed_bytes = content
    if signed_attrs is not None and len(signed_attrs):
        digest = next(
            (
                attr["values"][0].native
                for attr in signed_attrs
                if attr["type"].native == "message_digest"
            ),
            None,
        )
        if digest != hashlib.new(digest_name, content).digest():
            result.intact = False
            result.problems.append("The content is not what was signed (its digest differs).")
            return
        # The signature covers the attributes' DER with the SET tag, not their [0] tag.
        signed_bytes = b"\x31" + signed_attrs.dump()[1:]
    algorithm = {
        "sha256": hashes.SHA256(),
        "sha384": hashes.SHA384(),
        "sha512": hashes.SHA512(),
    }[digest_name]
    key = x509.load_der_x509_certificate(cert.dump()).public_key()
    signature = signer_info["signature"].native
    mechanism = signer_info["signature_algorithm"].signature_algo
    try:
        if isinstance(key, rsa.RSAPublicKey) and mechanism == "rsassa_pss":
            key.verify(
                signature,
                signed_bytes,
                padding.PSS(mgf=padding.MGF1(algorithm), salt_length=padding.PSS.AUTO),
                algorithm,
            )
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed_bytes, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed_bytes, ec.ECDSA(algorithm))
        else:
            result.problems.append("The signer's key type is not supported.")
            return
    except InvalidSignature:
        result.intact = False
        result.problems.append("The signature does not match the signer's certificate.")
        return
    except (UnsupportedAlgorithm, ValueError) as exc:
        result.problems.append(f"The signature cannot be checked ({exc}).")
        return
    result.intact = True
