"""Data the accounts app starts with (applied by a data migration; safe to apply again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

BODY = """As a user of the Hearth Homeless Management Information System (HMIS) I agree to the following.

I will keep my username and password private. I will not share my account, write my password where others can see it, or let anyone use Hearth while I am signed in. I will sign out or lock my screen when I step away.

I will look at and enter information only about the people my agency serves, and only what I need for my work. I will not look up people for personal reasons, including myself, my family, friends, neighbours or colleagues.

I will respect each participant's privacy and their release of information. I will not share information from Hearth with anyone who is not authorised to receive it, and I will not put participants' names or other identifying information into emails, tickets or chats.

I will enter information accurately and on time, search before creating a participant record so nobody is entered twice, and correct mistakes I find.

I will tell my agency administrator or HMIS Support at once if I believe my account or participant information has been misused or disclosed.

I understand that my use of Hearth is recorded, that the record is reviewed, and that misuse can end my access and lead to action by my employer or the law."""


def seed_agreement(UserAgreement: Any) -> None:  # noqa: N803 - a model class, possibly a migration's
    UserAgreement.objects.get_or_create(
        version=1,
        defaults={
            "title": "HMIS user agreement",
            "body": BODY,
            # Dated well in the past so it is in force whatever the clock says.
            "published_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        },
    )
