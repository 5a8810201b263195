"""Shared pieces of core: bilingual fields, the capability filter, the query-string tag."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from cadre.core.models import localized
from cadre.workspaces.roles import CAPABILITIES, Role, role_can


def test_localized_reads_the_active_language():
    obj = SimpleNamespace(name_fr="Police nationale", name_en="National Police")
    with translation.override("fr"):
        assert localized(obj, "name") == "Police nationale"
    with translation.override("en"):
        assert localized(obj, "name") == "National Police"


def test_localized_falls_back_to_the_other_language():
    obj = SimpleNamespace(name_fr="GRASPI", name_en="")
    with translation.override("en"):
        assert localized(obj, "name") == "GRASPI"
    assert localized(SimpleNamespace(name_fr="", name_en=""), "name") == ""


def test_tr_tag_renders_the_active_language():
    obj = SimpleNamespace(title_fr="Atelier", title_en="Workshop")
    template = Template('{% load cadre %}{% tr obj "title" %}')
    with translation.override("en"):
        assert template.render(Context({"obj": obj})) == "Workshop"


def test_can_filter_asks_the_membership_and_refuses_without_one():
    template = Template('{% load cadre %}{% if m|can:"edit_workplan" %}yes{% else %}no{% endif %}')
    assert template.render(Context({"m": None})) == "no"
    assert template.render(Context({"m": SimpleNamespace(can=lambda capability: True)})) == "yes"


def test_query_with_replaces_one_parameter_and_keeps_the_others():
    request = RequestFactory().get("/directory/institutions/", {"q": "police", "kind": "agency", "page": "3"})
    template = Template("{% load cadre %}{% query_with page=4 %}|{% query_with page='' %}")
    assert (
        template.render(Context({"request": request}))
        == "?q=police&amp;kind=agency&amp;page=4|?q=police&amp;kind=agency"
    )


def test_role_can_refuses_an_unknown_capability():
    with pytest.raises(KeyError):
        role_can(Role.SECRETARIAT, "launch_rockets")


@pytest.mark.parametrize("capability", sorted(CAPABILITIES))
def test_secretariat_has_every_capability_and_observer_only_view(capability):
    assert role_can(Role.SECRETARIAT, capability)
    assert role_can(Role.OBSERVER, capability) == (capability == "view")
