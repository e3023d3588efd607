package dev.switchboard.web;

import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.CurrentCaller;
import dev.switchboard.workspace.SignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

  private final SignIn signIn;

  LoginController(SignIn signIn) {
    this.signIn = signIn;
  }

  @GetMapping("/login")
  String form(HttpServletRequest request) {
    return CurrentCaller.of(request).isPresent() ? "redirect:/" : "login";
  }

  @PostMapping("/login")
  String signIn(
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String password,
      HttpServletResponse response,
      Model model) {
    switch (signIn.attempt(email, password, request.getRemoteAddr())) {
      case SignIn.Outcome.Success(Caller caller) -> {
        CurrentCaller.signIn(request, caller.userId());
        return "redirect:/";
      }
      case SignIn.Outcome.Refused() -> model.addAttribute("error", "Wrong email or password");
      case SignIn.Outcome.Throttled throttled -> {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.seconds()));
        model.addAttribute("error", throttled.message());
      }
    }
    model.addAttribute("email", email);
    return "login";
  }

  @PostMapping("/logout")
  String signOut(HttpServletRequest request) {
    CurrentCaller.signOut(request);
    return "redirect:/login";
  }
}
