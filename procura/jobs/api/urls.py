from rest_framework.routers import SimpleRouter

from procura.jobs.api.views import TaskViewSet

router = SimpleRouter()
router.register("tasks", TaskViewSet, basename="task")

urlpatterns = router.urls
