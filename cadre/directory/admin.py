from django.contrib import admin

from .models import AdminArea, Country, Institution, Person


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en"]
    search_fields = ["code", "name_fr", "name_en"]


@admin.register(AdminArea)
class AdminAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "region", "country", "borders"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "code"]
    list_select_related = ["region", "country", "borders"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "acronym", "kind", "country", "parent", "active_from", "active_to"]
    list_filter = ["kind", "country"]
    search_fields = ["name_fr", "name_en", "acronym"]
    list_select_related = ["country", "parent"]
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "function", "institution", "country", "user"]
    search_fields = ["full_name", "email"]
    list_select_related = ["institution", "country", "user"]
    autocomplete_fields = ["institution", "user"]
