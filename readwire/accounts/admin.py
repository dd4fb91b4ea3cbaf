from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from readwire.accounts.models import User


@admin.register(User)
class ReadwireUserAdmin(UserAdmin):
    search_fields = ("email", "username", "first_name", "last_name")
