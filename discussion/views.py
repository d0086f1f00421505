"""The discussion's one page: adding a comment (the thread is a part of the object's page).

With htmx the answer is the discussion part, re-read; without JavaScript a saved comment
redirects to the object's page, and a refused one shows the form again with its errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.models import User
from discussion import commentables, selectors, services
from discussion.forms import CommentForm
from oaps.views import apply_validation_error, vary_on_htmx, wants_partial


def _object(user, reference: str):
    """The object a posted reference names, if the user may see it."""
    parsed = commentables.parse_reference(reference)
    if parsed is None:
        return None
    kind, pk = parsed
    return kind.model._default_manager.visible_to(user, "view").filter(pk=pk).first()


@require_POST
def comment_add(request: HttpRequest) -> HttpResponse:
    user = request.user
    obj = _object(user, request.POST.get("object", ""))
    if obj is None:
        form = CommentForm(request.POST)
        form.is_valid()
        form.add_error(None, _("Choose what the comment is about: that object does not exist."))
    else:
        form = selectors.comment_form(user, obj, data=request.POST)
    if obj is not None and form.is_bound and form.is_valid():
        addressed = list(User.objects.filter(pk__in=form.cleaned_data["addressed_to"]))
        try:
            services.comment_add(
                actor=user, obj=obj, body=form.cleaned_data["body"], addressed_to=addressed
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if wants_partial(request):
                part = selectors.discussion_part(user, obj)
                return vary_on_htmx(
                    render(request, "discussion/_discussion.html", {"discussion": part})
                )
            messages.success(request, _("Your comment was added."))
            return redirect(f"{commentables.kind_of(type(obj)).url(obj)}#discussion")
    if obj is not None and wants_partial(request):
        part = selectors.discussion_part(user, obj, form=form)
        return vary_on_htmx(render(request, "discussion/_discussion.html", {"discussion": part}))
    back = commentables.kind_of(type(obj)).url(obj) if obj is not None else None
    return vary_on_htmx(
        render(request, "discussion/comment_form.html", {"form": form, "obj": obj, "back": back})
    )
