"""Public mail providers' domains: an address there belongs to anyone, so its domain names no
company (never matched to a supplier by domain, from a message's sender or an invoice's page)."""

from __future__ import annotations

PUBLIC_MAIL_DOMAINS = frozenset([
    "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de",
    "yahoo.es", "yahoo.it", "yahoo.co.in", "hotmail.com", "hotmail.co.uk", "hotmail.fr",
    "hotmail.de", "hotmail.es", "hotmail.it", "outlook.com", "outlook.de", "outlook.fr", "live.com",
    "live.co.uk", "live.fr", "live.nl", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "aol.de", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "web.de", "t-online.de",
    "freenet.de", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it",
    "virgilio.it", "tiscali.it", "ziggo.nl", "kpnmail.nl", "planet.nl", "telenet.be", "skynet.be",
    "wp.pl", "o2.pl", "onet.pl", "interia.pl", "sapo.pt", "rediffmail.com", "proton.me",
    "protonmail.com", "zoho.com", "mail.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com",
    "163.com",
])  # fmt: skip
