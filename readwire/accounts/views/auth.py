"""Signing up, in and out: by password, by emailed link, and resetting a forgotten password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from readwire.accounts import services, throttle, tokens
from readwire.accounts.backends import READER_BACKEND
from readwire.accounts.forms import EmailLinkForm, ReaderPasswordResetForm, SignInForm, SignUpForm
from readwire.accounts.views.common import next_url, no_store


def sign_up(request):
    if request.user.is_authenticated:
        return redirect(next_url(request))
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        address = throttle.client_address(request)
        if throttle.sign_ups_per_address.exceeded(address):
            form.add_error(None, "Too many accounts were made from your network in the last hour. Try again later.")
            status = 429
        elif form.is_valid():
            try:
                user = services.sign_up(
                    form.cleaned_data["email"], form.cleaned_data["password"], time_zone=form.cleaned_data["time_zone"]
                )
            except services.EmailInUse:
                form.add_error("email", "An account already uses this address.")
            else:
                throttle.sign_ups_per_address.hit(address)
                login(request, user, backend=READER_BACKEND)
                services.send_verification_email(user, new_account=True)
                messages.success(
                    request, f"Welcome! We have sent a link to {user.email}: open it to confirm your address."
                )
                return redirect(next_url(request))
    return no_store(
        render(request, "accounts/sign_up.html", {"form": form, "next": next_url(request, "")}, status=status)
    )


def sign_in(request):
    if request.user.is_authenticated and request.method == "GET":
        return redirect(next_url(request))
    form = SignInForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        if not form.user.email_verified:
            messages.info(request, "Please confirm your email address: we can resend the link from your account page.")
        return redirect(next_url(request))
    status = 429 if form.locked else 200
    return no_store(
        render(request, "accounts/sign_in.html", {"form": form, "next": next_url(request, "")}, status=status)
    )


def sign_out(request):
    if request.method == "POST":
        logout(request)
        return redirect("/")
    return no_store(render(request, "accounts/sign_out.html"))


def email_link(request):
    """Ask for a sign-in link. The answer is the same whether or not an account uses the address."""
    form = EmailLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        address = throttle.client_address(request)
        if not throttle.emails_per_recipient.exceeded(email) and not throttle.emails_per_address.exceeded(address):
            throttle.emails_per_recipient.hit(email)
            throttle.emails_per_address.hit(address)
            user = services.account_for_email(email)
            if user is not None:
                services.send_sign_in_link(user)
        return no_store(render(request, "accounts/email_link_sent.html", {"email": email}))
    return no_store(render(request, "accounts/email_link.html", {"form": form}))


def sign_in_with_link(request, token: str):
    """GET shows a button and POST signs in, so mail scanners that follow links do not spend them."""
    pk = tokens.sign_in_token_user_id(token)
    if request.method == "POST" and pk is not None:
        user = services.use_sign_in_link(token)
        if user is not None:
            login(request, user, backend=READER_BACKEND)
            # A reader who proves they own the address is no longer locked out by someone else's guesses.
            throttle.failed_sign_ins_per_account.clear(user.email)
            return redirect(next_url(request))
    usable = False
    if pk is not None:
        user = services.User.objects.filter(pk=pk, is_active=True).first()
        usable = user is not None and tokens.sign_in_token_matches(token, user)
    if not usable:
        return no_store(render(request, "accounts/sign_in_link_invalid.html", status=400))
    return no_store(render(request, "accounts/sign_in_with_link.html", {"email": user.email}))


def verify_email(request, token: str):
    user = tokens.check_verification_token(token)
    if user is None:
        return no_store(render(request, "accounts/verify_email_invalid.html", status=400))
    services.mark_email_verified(user)
    return no_store(render(request, "accounts/verify_email_done.html", {"verified_user": user}))


@login_required
@require_POST
def resend_verification(request):
    user = request.user
    if user.email_verified:
        messages.info(request, "Your email address is already confirmed.")
    elif throttle.emails_per_recipient.exceeded(user.email):
        messages.error(request, "We have sent several links already. Check your spam folder, or try again in an hour.")
    else:
        throttle.emails_per_recipient.hit(user.email)
        services.send_verification_email(user)
        messages.success(request, f"We have sent a new link to {user.email}.")
    return redirect("accounts:account")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ReaderPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form):
        address = throttle.client_address(self.request)
        if throttle.emails_per_address.exceeded(address):
            return redirect(self.success_url)
        throttle.emails_per_address.hit(address)
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:account")
    post_reset_login = True
    post_reset_login_backend = READER_BACKEND

    def form_valid(self, form):
        response = super().form_valid(form)
        # The reset link came to their inbox: that proves the address, and ends any lock-out.
        services.mark_email_verified(form.user)
        throttle.failed_sign_ins_per_account.clear(form.user.email)
        messages.success(self.request, "Your new password is set, and you are signed in.")
        return response
