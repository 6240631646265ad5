from quartier.accounts.navigation import items_for, menu_for


def navigation(request):
    items = items_for(request.user)
    return {"nav_items": items, "nav_menu": menu_for(items, request.path)}
