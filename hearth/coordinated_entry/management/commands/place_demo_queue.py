"""Score the demo data's CE assessments with the CoC's questionnaire, so the community queue of
a new installation has people on it (bin/run calls this after generating demo data).

The demo generator records HUD 4.19 assessments at CE access points without answers; this fills
in answers drawn from the assessment's own key (the same on every run) through the ordinary
scoring service. Only open enrollments whose assessment placed the person are queued.
"""

from __future__ import annotations

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hearth.coordinated_entry import services
from hearth.coordinated_entry.selectors import active_questionnaire
from hearth.enrollments.models import Assessment, AssessmentResult, Exit


class Command(BaseCommand):
    help = "Score the demo CE assessments and place the people they prioritized on the queue."

    def handle(self, *args: Any, **options: Any) -> None:
        questionnaire = active_questionnaire()
        if questionnaire is None:
            raise CommandError("No active CE questionnaire: add one in the administration first.")
        questions = list(questionnaire.questions.all())
        pending = (
            Assessment.objects.exclude(pk__in=AssessmentResult.objects.values("assessment_id"))
            .exclude(enrollment__in=Exit.objects.values("enrollment_id"))
            .select_related("enrollment", "client")
            .order_by("pk")
        )
        placed = 0
        for assessment in pending:
            rand = random.Random(f"hearth-demo-ce:{assessment.hud_id}").random
            answers = {q.pk: rand() < 0.45 for q in questions}
            if services.assessment_score(
                actor=None, assessment=assessment, questionnaire=questionnaire, answers=answers
            ):
                placed += 1
        self.stdout.write(f"Scored the demo CE assessments; {placed} people placed on the queue.")
