"""Staff can look a reader up and see their address status and preferences."""

from readwire.accounts.services import preferences_for


def test_staff_see_a_readers_verification_and_preferences(client, alice, django_user_model):
    staff = django_user_model.objects.create_superuser("editor", "editor@example.com", "x")
    preferences_for(alice)
    client.force_login(staff)
    assert "alice@example.com" in client.get("/admin/accounts/user/?q=alice").content.decode()
    page = client.get(f"/admin/accounts/user/{alice.pk}/change/").content.decode()
    assert 'name="email_verified_at' in page
    assert 'name="preferences-0-daily_alert_cap"' in page


def test_admin_sign_in_locks_after_repeated_failures(client, django_user_model):
    from readwire.accounts import throttle

    django_user_model.objects.create_superuser("editor", "editor@example.com", "right password")
    for _ in range(throttle.failed_sign_ins_per_account.limit):
        client.post("/admin/login/", {"username": "editor", "password": "guess"})
    locked = client.post("/admin/login/", {"username": "editor", "password": "right password"})
    assert locked.status_code == 200
    assert "Too many failed attempts" in locked.content.decode()
    other = client.post(
        "/admin/login/", {"username": "editor", "password": "right password"}, REMOTE_ADDR="203.0.113.5"
    )
    assert "Too many failed attempts" in other.content.decode()
    throttle.failed_sign_ins_per_account.clear("username:editor")
    assert client.post("/admin/login/", {"username": "editor", "password": "right password"}).status_code == 302
