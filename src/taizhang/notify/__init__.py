"""催办: reminders and notices by mail and by the group robots of 企业微信, 钉钉 and 飞书.

    settings   NotifySettings from TAIZHANG_* (SMTP server, base URL, retries, schedule)
    contacts   a unit's address or robot, checked and masked (Contact)
    message    what a digest, the monthly 通报 or a test says, before any channel shapes it
    formats    plain text, HTML, each robot's markdown; fitting a size limit
    mail       SMTP (STARTTLS / SSL / plain relay, login), Chinese headers, attachments
    robots     webhook payloads, 钉钉/飞书 signatures, answers, retryable failures
    runner     gather → plan → send → record, under a lease; ``SOURCES`` for more entries
    scheduler  the optional daily run inside ``taizhang serve``

What is due comes from :mod:`taizhang.ledger.reminders` (pure); records and contacts live in
:mod:`taizhang.store.notify`. Import the module you need: this package imports nothing heavy.
"""
