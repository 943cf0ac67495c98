from django.urls import path

from hearth.support.views import desk, help, requester

app_name = "support"

urlpatterns = [
    path("", requester.my_tickets, name="my_tickets"),
    path("tickets/new/", requester.ticket_new, name="ticket_new"),
    path("tickets/follow/", requester.follow, name="follow"),
    path("tickets/<int:pk>/", requester.ticket_detail, name="ticket_detail"),
    path("link/<str:token>/", requester.requester_link, name="requester_link"),
    path("desk/", desk.desk, name="desk"),
    path("desk/<int:pk>/", desk.desk_ticket, name="desk_ticket"),
    path("desk/<int:pk>/<str:action>/", desk.desk_action, name="desk_action"),
    path("help/", help.help_index, name="help_index"),
    path("help/new/", help.help_edit, name="help_new"),
    path("help/<slug:slug>/", help.help_article, name="help_article"),
    path("help/<slug:slug>/edit/", help.help_edit, name="help_edit"),
]
