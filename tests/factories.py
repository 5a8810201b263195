import datetime

import factory
from django.contrib.auth import get_user_model

from cadre.directory.models import AdminArea, Country, Institution, Person
from cadre.workspaces.models import ExpectedResult, Expert, Membership, Theme, WorkplanActivity, Workspace

PASSWORD = "correct horse battery staple"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "NE"
    name_fr = "Niger"
    name_en = "Niger"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminArea

    country = factory.SubFactory(CountryFactory)
    kind = AdminArea.Kind.REGION
    code = factory.Sequence(lambda n: f"NE-{n + 1}")
    name = factory.Sequence(lambda n: f"Region {n + 1}")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name_fr = factory.Sequence(lambda n: f"Institution {n}")
    name_en = factory.Sequence(lambda n: f"Institution {n} (en)")
    acronym = factory.Sequence(lambda n: f"I{n}")
    kind = Institution.Kind.MINISTRY
    country = factory.SubFactory(CountryFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Contact {n}")
    country = factory.SubFactory(CountryFactory)


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    title_fr = factory.Sequence(lambda n: f"Espace {n}")
    title_en = factory.Sequence(lambda n: f"Workspace {n}")
    slug = factory.Sequence(lambda n: f"workspace-{n}")
    country = factory.SubFactory(CountryFactory)
    requesting_authority = factory.SubFactory(InstitutionFactory)
    start_date = datetime.date(2016, 6, 1)
    end_date = datetime.date(2017, 4, 30)
    objective_fr = "Appuyer le comité."
    objective_en = "Support the committee."
    status = Workspace.Status.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    workspace = factory.SubFactory(WorkspaceFactory)
    role = Membership._meta.get_field("role").choices[0][0]
    institution = factory.SubFactory(InstitutionFactory)
    valid_from = datetime.date(2016, 1, 1)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    workspace = factory.SubFactory(WorkspaceFactory)
    order = factory.Sequence(int)
    code = factory.Sequence(lambda n: f"theme-{n}")
    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    workspace = factory.SubFactory(WorkspaceFactory)
    person = factory.SubFactory(PersonFactory)
    country = factory.SubFactory(CountryFactory, code="FR", name_fr="France", name_en="France")
    expertise_fr = "Gestion des frontières"
    expertise_en = "Border management"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkplanActivity

    workspace = factory.SubFactory(WorkspaceFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = WorkplanActivity.Kind.INFORMATION_SESSION
    title_fr = factory.Sequence(lambda n: f"Session {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    planned_start = datetime.date(2016, 9, 12)
    planned_end = datetime.date(2016, 9, 16)


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpectedResult

    workspace = factory.SubFactory(WorkspaceFactory)
    number = factory.Sequence(lambda n: n + 1)
    statement_fr = factory.Sequence(lambda n: f"Résultat {n}")
    statement_en = factory.Sequence(lambda n: f"Result {n}")
