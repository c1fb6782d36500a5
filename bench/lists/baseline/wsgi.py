import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "baseline.settings"  # not the settings of Procura
application = get_wsgi_application()
