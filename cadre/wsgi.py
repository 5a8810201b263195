import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
application = get_wsgi_application()

# Everything loaded so far lives as long as the process: keep the garbage collector from walking it again and
# again (full collections over it showed as 100 ms pauses on large pages). See the gc.freeze() documentation.
gc.freeze()
