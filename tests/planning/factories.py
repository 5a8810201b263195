"""Factories for the action plan."""

import factory

from cadre.planning.models import Action, Indicator, Objective, Plan

from ..factories import WorkspaceFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    workspace = factory.SubFactory(WorkspaceFactory)
    slug = factory.Sequence(lambda n: f"plan-{n}")
    title_fr = factory.Sequence(lambda n: f"Plan d'action {n}")
    title_en = factory.Sequence(lambda n: f"Action plan {n}")
    start_year = 2017
    end_year = 2021


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    level = Objective.Level.GENERAL
    code = factory.Sequence(str)
    title_fr = factory.Sequence(lambda n: f"Objectif {n}")
    title_en = factory.Sequence(lambda n: f"Objective {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.LazyAttribute(lambda o: o.result.plan)
    result = factory.SubFactory(ObjectiveFactory, level=Objective.Level.RESULT)
    code = factory.Sequence(lambda n: f"A{n}")
    title_fr = factory.Sequence(lambda n: f"Action {n}")
    title_en = factory.Sequence(lambda n: f"Action {n}")
    start_year = 2017
    end_year = 2019


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    workspace = factory.LazyAttribute(lambda o: o.plan.workspace if o.plan else WorkspaceFactory())
    plan = None
    code = factory.Sequence(lambda n: f"I{n}")
    definition_fr = factory.Sequence(lambda n: f"Nombre d'agents formés {n}")
    definition_en = factory.Sequence(lambda n: f"Number of staff trained {n}")
    unit = "agents"
