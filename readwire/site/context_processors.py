from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME, "login_url": settings.LOGIN_URL}
