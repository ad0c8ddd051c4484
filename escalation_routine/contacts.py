"""Contact details from what a user types: company, name, email and phone."""

import re
from typing import Dict, Optional

MAX_INPUT = 500

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zåäö]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])(?:\+46|0)[\s-]?(?:\(0\))?[\s-]?\d{1,3}(?:[\s-]?\d){5,9}(?![\w-])")
_COMPANY = re.compile(r"\b(ab|hb|kb|oy|as|asa|aps|ltd|inc|gmbh|kommun|stadsnät|stadsnat)\b", re.IGNORECASE)
_FILLER = re.compile(
    r"^(?:(?:kontakt|kontaktperson|företag|foretag|namn|e-?post|mejl|mail|telefon|tel)\s*:|"
    r"ni når mig(?: på| via)?|ni nar mig(?: pa| via)?|nå mig på|jag heter|mitt namn är|det är)\s*",
    re.IGNORECASE,
)
_FIELD_MAX = 200


def _clean_part(raw: str) -> Optional[str]:
    part = _FILLER.sub("", " ".join(raw.split())).strip(" .:")
    return part[:_FIELD_MAX] if re.search(r"[^\W\d_]", part) else None


def contact_details(text: Optional[str]) -> Optional[Dict[str, str]]:
    """Company, name, email and phone from "Operatör AB, Anna Andersson, anna@op.se, 070-123 45 67".
    Any subset will do; None when the text holds none of them or an email is malformed."""
    text = (text or "")[:MAX_INPUT]
    found: Dict[str, str] = {}
    email = _EMAIL.search(text)
    if "@" in text and not email:
        return None
    if email:
        found["email"] = email.group(0)
        text = text.replace(email.group(0), " ")
    phone = _PHONE.search(text)
    if phone:
        found["phone"] = " ".join(phone.group(0).split())
        text = text.replace(phone.group(0), " ")
    parts = [part for part in (_clean_part(raw) for raw in re.split(r"[,;\n]", text)) if part]
    companies = [part for part in parts if _COMPANY.search(part)]
    company = companies[0] if companies else (parts[0] if len(parts) > 1 else None)
    names = [part for part in parts if part != company]
    if company:
        found["company"] = company
    if names:
        found["name"] = names[0]
    return found or None
