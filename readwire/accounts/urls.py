from django.urls import path

from readwire.accounts.views import account, auth, preferences

app_name = "accounts"
urlpatterns = [
    path("", account.account, name="account"),
    path("sign-up/", auth.sign_up, name="sign_up"),
    path("sign-in/", auth.sign_in, name="sign_in"),
    path("sign-in/link/", auth.email_link, name="email_link"),
    path("sign-in/link/<str:token>/", auth.sign_in_with_link, name="sign_in_with_link"),
    path("sign-out/", auth.sign_out, name="sign_out"),
    path("verify/resend/", auth.resend_verification, name="resend_verification"),
    path("verify/<str:token>/", auth.verify_email, name="verify_email"),
    path("password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("email/", account.change_email, name="change_email"),
    path("email/confirm/<str:token>/", account.confirm_email_change, name="confirm_email_change"),
    path("preferences/", preferences.preferences, name="preferences"),
    path("saved/", preferences.saved_stories, name="saved_stories"),
    path("saved/<int:story_id>/save/", preferences.save_story, name="save_story"),
    path("saved/<int:story_id>/remove/", preferences.remove_saved_story, name="remove_saved_story"),
    path("export/", account.export, name="export"),
    path("delete/", account.delete_account, name="delete"),
    path("deleted/", account.deleted, name="deleted"),
]
