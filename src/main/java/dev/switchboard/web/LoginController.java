package dev.switchboard.web;

import dev.switchboard.workspace.Accounts;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.CurrentCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

  private final Accounts accounts;

  LoginController(Accounts accounts) {
    this.accounts = accounts;
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
      Model model) {
    Optional<Caller> caller = accounts.authenticate(email, password);
    if (caller.isEmpty()) {
      model.addAttribute("email", email);
      model.addAttribute("error", "Wrong email or password");
      return "login";
    }
    CurrentCaller.signIn(request, caller.get().userId());
    return "redirect:/";
  }

  @PostMapping("/logout")
  String signOut(HttpServletRequest request) {
    CurrentCaller.signOut(request);
    return "redirect:/login";
  }
}
