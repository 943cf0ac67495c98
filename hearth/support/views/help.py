"""The help centre: public FAQ and how-to pages, edited by HMIS administrators."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.accounts import roles
from hearth.core.concurrency import StaleEdit, edit_token
from hearth.core.middleware import public
from hearth.support import helptext, services
from hearth.support.forms import HelpArticleForm
from hearth.support.models import HelpArticle


@public
def help_index(request: HttpRequest) -> HttpResponse:
    articles = HelpArticle.objects.all()
    if not roles.can(request.user, roles.EDIT_HELP):
        articles = articles.filter(published=True)
    sections = [
        (HelpArticle.Section(key).label, list(items))
        for key, items in groupby(articles, key=lambda a: a.section)
    ]
    return render(
        request,
        "support/help_index.html",
        {"sections": sections, "can_edit": roles.can(request.user, roles.EDIT_HELP)},
    )


@public
def help_article(request: HttpRequest, slug: str) -> HttpResponse:
    article = HelpArticle.objects.filter(slug=slug).first()
    if article is None or (not article.published and not roles.can(request.user, roles.EDIT_HELP)):
        raise Http404("No such help page.")
    context = {
        "article": article,
        "html": helptext.render(article.body),
        "can_edit": roles.can(request.user, roles.EDIT_HELP),
    }
    return render(request, "support/help_article.html", context)


@roles.require(roles.EDIT_HELP)
@require_http_methods(["GET", "POST"])
def help_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    article = get_object_or_404(HelpArticle, slug=slug) if slug else HelpArticle()
    # The token is made before the form fills the instance with the posted values.
    token = edit_token(article, services.HELP_EDIT_FIELDS) if article.pk else ""
    form = HelpArticleForm(request.POST if request.method == "POST" else None, instance=article)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.help_article_save(
                article=form.instance,
                actor=request.user,
                edit_token=(request.POST.get("edit_token") or "") if article.pk else None,
            )
        except StaleEdit as stale:
            form.add_error(None, str(stale))
            status = 409
            token = edit_token(HelpArticle.objects.get(pk=article.pk), services.HELP_EDIT_FIELDS)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Help page saved.")
            return HttpResponseRedirect(reverse("support:help_article", args=[saved.slug]))
    preview = helptext.render(form.data.get("body", article.body or "")) if request.method == "POST" else None
    return render(
        request,
        "support/help_edit.html",
        {"form": form, "article": article, "preview": preview, "edit_token": token},
        status=status,
    )
