from django.contrib import admin

from hearth.coordinated_entry.models import PrioritizationRule, Question, Questionnaire


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ["order", "group", "text", "weight"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    inlines = [QuestionInline]


@admin.register(PrioritizationRule)
class PrioritizationRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "first", "second", "third", "active"]
