from django.urls import path

from baseline.views import NaiveList, PrefetchList, floor_list

urlpatterns = [
    path("naive/", NaiveList.as_view()),
    path("prefetch/", PrefetchList.as_view()),
    path("floor/", floor_list),
]
