"""Build the search keys of clients that existed before the search index did."""

from django.db import migrations


def index_existing(apps, schema_editor):
    from hearth.clients import names
    from hearth.clients.search.keys import PersonForm, record_keys

    Client = apps.get_model("clients", "Client")
    ClientSearchKey = apps.get_model("clients", "ClientSearchKey")
    last = 0
    while True:
        rows = list(
            Client.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "first_name", "middle_name", "last_name", "dob", "ssn")[:5000]
        )
        if not rows:
            return
        objs = []
        for pk, first, middle, last_name, dob, ssn in rows:
            form = PersonForm(
                first=names.tokens(first), last=names.tokens(last_name), middle=names.tokens(middle), dob=dob, ssn=ssn or ""
            )
            objs.extend(ClientSearchKey(key=key, client_pk=pk) for key in record_keys([form]))
        ClientSearchKey.objects.bulk_create(objs, batch_size=5000, ignore_conflicts=True)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("clients", "0002_search_merge_profile")]

    operations = [migrations.RunPython(index_existing, migrations.RunPython.noop)]
