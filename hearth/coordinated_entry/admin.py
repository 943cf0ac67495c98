from django.contrib import admin

from hearth.coordinated_entry.models import PrioritizationRule, Question, Questionnaire
from hearth.core.admin_concurrency import LostUpdateAdminMixin


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ["order", "group", "text", "weight"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(LostUpdateAdminMixin, admin.ModelAdmin):
    list_display = ["name", "active"]
    inlines = [QuestionInline]


@admin.register(PrioritizationRule)
class PrioritizationRuleAdmin(LostUpdateAdminMixin, admin.ModelAdmin):
    list_display = ["name", "first", "second", "third", "active"]
